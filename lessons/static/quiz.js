var L=window.gsQuizLib;if(!L){L=window.gsQuizLib=(function(){
var WS=/[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g,
INV=/[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g,
NUM=/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
function nt(s){return String(s).normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu,' ').trim();}
function tk(s,acc){var w=nt(s).split(' ').filter(function(x){return x;});acc=acc||[];
if(acc.indexOf('articles')>=0)w=w.filter(function(x){return x!='a'&&x!='an'&&x!='the';});
if(acc.indexOf('plural')>=0)w=w.map(function(x){return x.length>3&&/s$/.test(x)&&!/ss$/.test(x)?x.slice(0,-1):x;});
return w.join(' ');}
function isWs(c){WS.lastIndex=0;return WS.test(c);}
function letter(c){return(c>='a'&&c<='z')||(c>='A'&&c<='Z');}
function unit(s){var i=s.length,j;if(s.charAt(i-1)=='%')return s.slice(0,i-1);
while(i>0&&(letter(s.charAt(i-1))||s.charAt(i-1)==' '||s.charAt(i-1)=='.'))i--;
for(j=i;j<s.length;j++){if(letter(s.charAt(j)))return s.slice(0,j);}return s;}
function pn(s){if(typeof s=='number')return isFinite(s)?s:null;if(typeof s!='string'||s.length>1000)return null;
s=s.normalize('NFKC').replace(INV,'').replace(/[\u2212\u2012\u2013]/g,'-');
var a=0,b=s.length;while(a<b&&isWs(s.charAt(a)))a++;while(b>a&&isWs(s.charAt(b-1)))b--;s=s.slice(a,b);
s=unit(s).replace(/,(?=[0-9]{3}(?![0-9]))/g,'').replace(WS,'');
if(!NUM.test(s))return null;var n=parseFloat(s);return isFinite(n)?n:null;}
function f(t,o){return t.replace(/\{(\w+)\}/g,function(m,k){return o[k];});}
function grade(q,a,M){var t=q.type,k=q.answer,i,r=0;
if(t=='single'||t=='truefalse'){if(a===null||a===undefined||a==='')return[0,M.empty,0];return a===k?[1,M.correct,1]:[0,M.wrong+(q.fb&&q.fb[a]?' '+q.fb[a]:''),1];}
if(t=='multiple'){if(!a||!a.length)return[0,M.empty,0];var x=0;for(i=0;i<a.length;i++){if(k.indexOf(a[i])>=0)r++;else x++;}
return(r==k.length&&!x)?[1,M.correct,1]:[0,f(M.multiple_partial,{right:r,total:k.length,extra:x}),1];}
if(t=='ordering'||t=='matching'){var m=0,s={};for(i=0;i<k.length;i++){if(a[i]===null)m++;else{if(s[a[i]])s.d=1;s[a[i]]=1;if(a[i]===k[i])r++;}}
if(m==k.length)return[0,M.empty,0];if(m)return[0,f(M.incomplete,{missing:m}),0];if(t=='ordering'&&s.d)return[0,M.duplicate,0];
return r==k.length?[1,M.correct,1]:[0,f(M[t+'_partial'],{right:r,total:k.length}),1];}
if(!String(a).trim())return[0,M.empty,0];
if(t=='numeric'){var n=pn(a);if(n===null)return[0,M.nan,0];var ok=Math.abs(n-k)<=q.tol+1e-9;return[ok?1:0,ok?M.correct:M.wrong,1];}
if(!nt(a))return[0,M.notext,0];var g=tk(a,q.acc);var ok2=q.alts.some(function(x){return tk(x,q.acc)==g;});return[ok2?1:0,ok2?M.correct:M.wrong,1];}
function fb(q,res,n,D){var M=D.M,src=f(M.source,{source:q.src});if(!res[2])return['info',res[1]];
if(res[0])return['ok',res[1]+' '+q.expl+' '+src];var left=D.rule.max_tries-n;
if(left>0)return['bad',res[1]+' '+f(M.try_again,{left:left,tries:left==1?'try':'tries'})];
return['bad',res[1]+' '+f(M.reveal,{answer:q.reveal})+' '+q.expl+' '+src];}
function isInt(x){return typeof x=='number'&&Math.floor(x)===x;}
function shape(q,a){var t=q.type,i;if(t=='single')return isInt(a);if(t=='truefalse')return typeof a=='boolean';
if(t=='numeric'||t=='text')return typeof a=='string';if(!Array.isArray(a))return false;
for(i=0;i<a.length;i++){if(!(isInt(a[i])||(t!='multiple'&&a[i]===null)))return false;}return true;}
function valid(q,v){if(!v||typeof v!='object'||!Array.isArray(v.log))return false;
return v.log.every(function(e){return e&&typeof e=='object'&&e.question===q.id&&typeof e.correct=='boolean'&&shape(q,e.answer);});}
function st(){try{return window.localStorage;}catch(e){return null;}}
function seed(){var s=st(),v=null;try{v=s?s.getItem('gsomia-seed'):null;if(!v){v=String(Math.random()).slice(2,12);if(s)s.setItem('gsomia-seed',v);}}catch(e){v=v||'0';}return v;}
function perm(n,key){var h=2166136261,i,j,t,a=[];for(i=0;i<key.length;i++){h^=key.charCodeAt(i);h=Math.imul(h,16777619)>>>0;}
for(i=0;i<n;i++)a.push(i);for(i=n-1;i>0;i--){h=(Math.imul(h^(h>>>15),2246822507)+1831565813)>>>0;j=h%(i+1);t=a[i];a[i]=a[j];a[j]=t;}return a;}
function shuffle(fs,q,sd){var t=q.type,i,k,p,el;if(t=='single'||t=='multiple'){el=fs.querySelectorAll('.gs-opt');p=perm(el.length,sd+':'+q.id);
var btn=fs.querySelector('.gs-check');for(i=0;i<p.length;i++)fs.insertBefore(el[p[i]],btn);return;}
if(t=='ordering'||t=='matching'){var sels=fs.querySelectorAll('select');for(k=0;k<sels.length;k++){el=sels[k].querySelectorAll('option');
p=perm(el.length-1,sd+':'+q.id);for(i=0;i<p.length;i++)sels[k].appendChild(el[p[i]+1]);}}}
function store(D,root){var P=D.rule.prefix,bad=root.querySelector('.gs-storemsg');
function note(t){if(bad){bad.textContent=t;bad.hidden=false;}}
return{get:function(q){var s=st(),raw=null,v=null;try{raw=s?s.getItem(P+q.id):null;}catch(e){raw=null;}
if(raw===null)return null;try{v=JSON.parse(raw);}catch(e){v=null;}
if(valid(q,v))return v;note(D.M.bad_store);return null;},
put:function(q,v){var s=st();try{if(!s)throw new Error('no storage');if(v)s.setItem(P+q.id,JSON.stringify(v));else s.removeItem(P+q.id);return true;}
catch(e){if(v)note(D.M.not_saved);return false;}}};}
function read(fs,q){var t=q.type,el,out,i;
if(t=='single'||t=='truefalse'){el=fs.querySelector('input:checked');if(!el)return null;return t=='single'?+el.value:el.value=='true';}
if(t=='multiple'){out=[];el=fs.querySelectorAll('input:checked');for(i=0;i<el.length;i++)out.push(+el[i].value);return out;}
if(t=='ordering'||t=='matching'){out=[];el=fs.querySelectorAll('select');for(i=0;i<el.length;i++)out.push(el[i].value===''?null:+el[i].value);return out;}
return fs.querySelector('input').value;}
function write(fs,q,a){var t=q.type,el=fs.querySelectorAll('input,select'),i;for(i=0;i<el.length;i++){var e=el[i];
if(e.type=='radio'||e.type=='checkbox'){e.checked=a!==null&&a!==undefined&&(t=='multiple'?a.indexOf(+e.value)>=0:String(a)===e.value);}
else if(e.tagName=='SELECT'){e.value=(a&&a[i]!==null&&a[i]!==undefined)?String(a[i]):'';}else e.value=a===null||a===undefined?'':a;}}
function init(root,D){var qs=D.qs,cur=0,fss=root.querySelectorAll('fieldset.gs-q'),S=store(D,root),mem={},max=D.rule.max_tries;
var hd=root.querySelectorAll('.gs-js,.gs-check,.gs-nav');for(var j=0;j<hd.length;j++)hd[j].hidden=false;
var ns=root.querySelector('.gs-noscript');if(ns)ns.hidden=true;
if(D.shuffle){var sd=seed();qs.forEach(function(q,i){try{shuffle(fss[i],q,sd);}catch(e){}});}
function get(q){return mem.hasOwnProperty(q.id)?mem[q.id]:S.get(q);}
function put(q,v){if(S.put(q,v))delete mem[q.id];else mem[q.id]=v;}
function score(){var r=0,n=0;qs.forEach(function(q){var v=window.gsVerdict((get(q)||{}).log,max);if(v.attempts){n++;r+=v.score;}});
root.querySelector('.gs-score').textContent=f(D.M.score,{right:r,total:qs.length,answered:n});}
function show(fs,q,s){var box=fs.querySelector('.gs-fb'),btn=fs.querySelector('.gs-check');btn.disabled=false;box.textContent='';box.className='gs-fb';
if(!s||!s.log.length)return;var last=s.log[s.log.length-1],v=window.gsVerdict(s.log,max);write(fs,q,last.answer);
var x=fb(q,[v.solved?1:0,v.solved?D.M.correct:D.M.wrong,1],Math.min(v.attempts,max),D);box.className='gs-fb gs-'+x[0];box.textContent=x[1];
if(v.finished)btn.disabled=true;}
function nav(){if(!D.one)return;for(var i=0;i<fss.length;i++)fss[i].hidden=i!=cur;
root.querySelector('.gs-pos').textContent=(cur+1)+' / '+fss.length;}
root.querySelector('.gs-reset').addEventListener('click',function(){if(!window.confirm(D.M.reset_confirm))return;qs.forEach(function(q,i){put(q,null);delete mem[q.id];
try{write(fss[i],q,null);show(fss[i],q,null);}catch(e){}});var m=root.querySelector('.gs-storemsg');if(m){m.hidden=true;m.textContent='';}score();});
qs.forEach(function(q,i){var fs=fss[i];try{show(fs,q,get(q));}catch(e){show(fs,q,null);}
function check(){var a=read(fs,q),res=grade(q,a,D.M),box=fs.querySelector('.gs-fb'),s=get(q)||{log:[]};
if(res[2]){var d=new Date().toISOString().slice(0,19)+'Z';s.log.push({question:q.id,lesson:q.lesson,answer:a,attempt:s.log.length+1,time:d,correct:!!res[0]});put(q,s);}
var v=window.gsVerdict(s.log,max),x=fb(q,res,s.log.length,D);box.className='gs-fb gs-'+x[0];box.textContent='';box.textContent=x[1];
if(res[2]&&v.finished)fs.querySelector('.gs-check').disabled=true;score();}
fs.querySelector('.gs-check').addEventListener('click',check);
var tx=fs.querySelector('input[type=text]');if(tx)tx.addEventListener('keydown',function(e){if(e.key=='Enter'){e.preventDefault();check();}});});
root.querySelector('.gs-download').addEventListener('click',function(){var ans=[];
qs.forEach(function(q){var s=get(q);if(s)ans=ans.concat(s.log);});
var nm=root.querySelector('.gs-name').value.trim(),gr=root.querySelector('.gs-group').value.trim();
var doc={format:D.rule.format,version:D.rule.version,name:nm,group:gr,exported:new Date().toISOString().slice(0,19)+'Z',course_version:D.cv,answers:ans};
var a=document.createElement('a');a.href='data:application/json;charset=utf-8,'+encodeURIComponent(JSON.stringify(doc,null,1));
a.download='gsomia-results-'+(nm.replace(/[^A-Za-z0-9_-]+/g,'-')||'student')+'.json';root.appendChild(a);a.click();root.removeChild(a);
root.querySelector('.gs-dlmsg').textContent=D.dl;});
if(D.one){var b=root.querySelectorAll('.gs-nav button');b[0].addEventListener('click',function(){if(cur>0){cur--;nav();fss[cur].querySelector('legend').focus();}});
b[1].addEventListener('click',function(){if(cur<fss.length-1){cur++;nav();fss[cur].querySelector('legend').focus();}});}
nav();score();}
return{init:init,grade:grade,nt:nt,tk:tk,pn:pn,valid:valid,verdict:window.gsVerdict};})();}
L.init(root,window.gsUnseal(JSON.parse(root.querySelector('script.gs-quiz-data').textContent)));
