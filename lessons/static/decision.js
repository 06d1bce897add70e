
var D=JSON.parse(root.querySelector('script.gs-decision-data').textContent);
var KEY=D.key,form=root.querySelector('.gs-js'),slot=root.querySelector('.gs-debrief-slot'),
tpl=root.querySelector('template.gs-debrief-tpl'),deb=null,cmp=null,
st=root.querySelector('.gs-status'),ta=root.querySelector('textarea'),
btnR=root.querySelector('.gs-record'),btnD=root.querySelector('.gs-reveal');
function debrief(){if(!deb){slot.appendChild(tpl.content.cloneNode(true));deb=slot.querySelector('details.gs-debrief');
cmp=slot.querySelector('.gs-compare-js');}return deb;}
function store(){try{return window.localStorage;}catch(e){return null;}}
function get(){var s=store();try{return s?JSON.parse(s.getItem(KEY)||'null'):null;}catch(e){return null;}}
function put(v){var s=store();try{if(s)s.setItem(KEY,JSON.stringify(v));}catch(e){}}
var END=/[.!?\u2026]+["'\u201d\u2019)\]]*(?=\s+[^\sa-z]|\s*$)|[\u3002\uff01\uff1f]+/g;
function sentences(t){t=t.trim();if(!t)return 0;var m,n=0,last=0;END.lastIndex=0;
while((m=END.exec(t))!==null){n++;last=m.index+m[0].length;if(!m[0].length)END.lastIndex++;}
return n+(t.slice(last).trim()?1:0);}
function chosen(){var el=root.querySelector('input[type=radio]:checked');return el?el.value:null;}
function show(s){if(!s){slot.hidden=true;btnD.disabled=true;return;}
var el=root.querySelector('input[type=radio][value="'+s.choice+'"]');if(el)el.checked=true;ta.value=s.rationale||'';
btnD.disabled=false;
if(s.revealed){debrief();cmp.textContent=D.compare[s.choice]||'';slot.hidden=false;deb.open=true;}else{slot.hidden=true;}}
btnR.addEventListener('click',function(){var c=chosen(),r=ta.value.trim();
if(!c){st.textContent=D.msg.nochoice;return;}if(!r){st.textContent=D.msg.noreasons;ta.focus();return;}
var prev=get()||{},n=sentences(r),s={choice:c,rationale:r,role:D.role,revealed:!!prev.revealed,
time:new Date().toISOString().slice(0,19)+'Z'};put(s);show(s);
st.textContent=D.msg.saved.replace('{label}',D.labels[c])+((n<2||n>4)?' '+D.msg.length.replace('{n}',n):'');});
btnD.addEventListener('click',function(){var s=get();if(!s){st.textContent=D.msg.nochoice;return;}
s.revealed=true;put(s);show(s);debrief().querySelector('summary').focus();});
form.hidden=false;var ns=root.querySelector('.gs-noscript');if(ns)ns.hidden=true;show(get());
