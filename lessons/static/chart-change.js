
function fixed1(x){return Math.abs(x).toFixed(1);}
function signed(x){var d=fixed1(x);return d==='0.0'?'0.0':(x<0?'\u2212':'+')+d;}
function change(pts,i,j,pct){var a=pts[i],b=pts[j];
 if(i===j)return 'Choose two different periods to compare (both are '+a.l+').';
 if(i>j)return 'The start ('+a.l+') comes after the end ('+b.l+'). Choose a start before the end.';
 var miss=[];if(a.v===null)miss.push(a.l);if(b.v===null)miss.push(b.l);
 if(miss.length)return 'No figure found for '+miss.join(' or ')+', so the change from '+a.l+' to '+b.l+
  " can't be worked out.";
 var head='From '+a.l+' to '+b.l+': '+a.f+' \u2192 '+b.f;
 if(pct)return head+' ('+signed(b.v-a.v)+' percentage points)';
 if(a.v===0)return head+' (no percent change: the start value is zero)';
 return head+' ('+signed((b.v-a.v)/a.v*100)+' %)';}
