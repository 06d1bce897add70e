
var L=window.gsQuizLib;if(!L){L=window.gsQuizLib=(function(){
function nt(s){return String(s).normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu,' ').trim();}
function pn(s){s=String(s).trim().replace(/\u2212|\u2013/g,'-').replace(/\s*(%|[a-zA-Z][a-zA-Z .]*)$/,'');
s=s.replace(/,(?=\d{3}(?!\d))/g,'').replace(/ /g,'');
return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)?parseFloat(s):null;}
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
var g=nt(a);if(!g)return[0,M.notext,0];var ok2=q.alts.some(function(x){return nt(x)==g;});return[ok2?1:0,ok2?M.correct:M.wrong,1];}
function fb(q,res,n,D){var M=D.M,src=f(M.source,{source:q.src});if(!res[2])return['info',res[1]];
if(res[0])return['ok',res[1]+' '+q.expl+' '+src];var left=D.max-n;
if(left>0)return['bad',res[1]+' '+f(M.try_again,{left:left,tries:left==1?'try':'tries'})];
return['bad',res[1]+' '+f(M.reveal,{answer:q.reveal})+' '+q.expl+' '+src];}
function st(){try{return window.localStorage;}catch(e){return null;}}
function get(id){var s=st();try{return s?JSON.parse(s.getItem('gsomia-quiz:'+id)||'null'):null;}catch(e){return null;}}
function put(id,v){var s=st();try{if(s){if(v)s.setItem('gsomia-quiz:'+id,JSON.stringify(v));else s.removeItem('gsomia-quiz:'+id);}}catch(e){}}
function read(fs,q){var t=q.type,el,out,i;
if(t=='single'||t=='truefalse'){el=fs.querySelector('input:checked');if(!el)return null;return t=='single'?+el.value:el.value=='true';}
if(t=='multiple'){out=[];el=fs.querySelectorAll('input:checked');for(i=0;i<el.length;i++)out.push(+el[i].value);return out;}
if(t=='ordering'||t=='matching'){out=[];el=fs.querySelectorAll('select');for(i=0;i<el.length;i++)out.push(el[i].value===''?null:+el[i].value);return out;}
return fs.querySelector('input').value;}
function write(fs,q,a){var t=q.type,el=fs.querySelectorAll('input,select'),i;for(i=0;i<el.length;i++){var e=el[i];
if(e.type=='radio'||e.type=='checkbox'){e.checked=a!==null&&a!==undefined&&(t=='multiple'?a.indexOf(+e.value)>=0:String(a)===e.value);}
else if(e.tagName=='SELECT'){e.value=(a&&a[i]!==null&&a[i]!==undefined)?String(a[i]):'';}else e.value=a===null||a===undefined?'':a;}}
function init(root,D){var qs=D.qs,cur=0,fss=root.querySelectorAll('fieldset.gs-q');
function score(){var r=0,n=0;qs.forEach(function(q){var s=get(q.id);if(s&&s.log.length){n++;if(s.ok)r++;}});
root.querySelector('.gs-score').textContent=f(D.M.score,{right:r,total:qs.length,answered:n});}
function show(fs,q,s){var box=fs.querySelector('.gs-fb'),btn=fs.querySelector('.gs-check');btn.disabled=false;box.textContent='';box.className='gs-fb';
if(!s||!s.log.length)return;var last=s.log[s.log.length-1];write(fs,q,last.answer);
var x=fb(q,grade(q,last.answer,D.M),s.log.length,D);box.className='gs-fb gs-'+x[0];box.textContent=x[1];
if(s.ok||s.log.length>=D.max)btn.disabled=true;}
function nav(){if(!D.one)return;for(var i=0;i<fss.length;i++)fss[i].hidden=i!=cur;
root.querySelector('.gs-pos').textContent=(cur+1)+' / '+fss.length;}
qs.forEach(function(q,i){var fs=fss[i];show(fs,q,get(q.id));
function check(){var a=read(fs,q),res=grade(q,a,D.M),box=fs.querySelector('.gs-fb'),s=get(q.id)||{log:[],ok:false};
if(res[2]){var d=new Date().toISOString().slice(0,19)+'Z';s.log.push({question:q.id,lesson:q.lesson,answer:a,attempt:s.log.length+1,time:d,correct:!!res[0]});
if(res[0]&&s.log.length<=D.max)s.ok=true;put(q.id,s);}
var x=fb(q,res,s.log.length,D);box.className='gs-fb gs-'+x[0];box.textContent='';box.textContent=x[1];
if(res[2]&&(res[0]||s.log.length>=D.max))fs.querySelector('.gs-check').disabled=true;score();}
fs.querySelector('.gs-check').addEventListener('click',check);
var tx=fs.querySelector('input[type=text]');if(tx)tx.addEventListener('keydown',function(e){if(e.key=='Enter'){e.preventDefault();check();}});});
root.querySelector('.gs-reset').addEventListener('click',function(){qs.forEach(function(q,i){put(q.id,null);write(fss[i],q,null);show(fss[i],q,null);});score();});
root.querySelector('.gs-download').addEventListener('click',function(){var ans=[];
qs.forEach(function(q){var s=get(q.id);if(s)ans=ans.concat(s.log);});
var nm=root.querySelector('.gs-name').value.trim(),gr=root.querySelector('.gs-group').value.trim();
var doc={format:'gsomia-results',version:1,name:nm,group:gr,exported:new Date().toISOString().slice(0,19)+'Z',course_version:D.cv,answers:ans};
var a=document.createElement('a');a.href='data:application/json;charset=utf-8,'+encodeURIComponent(JSON.stringify(doc,null,1));
a.download='gsomia-results-'+(nm.replace(/[^A-Za-z0-9_-]+/g,'-')||'student')+'.json';root.appendChild(a);a.click();root.removeChild(a);
root.querySelector('.gs-dlmsg').textContent=D.dl;});
if(D.one){var b=root.querySelectorAll('.gs-nav button');b[0].addEventListener('click',function(){if(cur>0){cur--;nav();fss[cur].querySelector('legend').focus();}});
b[1].addEventListener('click',function(){if(cur<fss.length-1){cur++;nav();fss[cur].querySelector('legend').focus();}});}
var hd=root.querySelectorAll('.gs-js,.gs-check,.gs-nav');for(var j=0;j<hd.length;j++)hd[j].hidden=false;var ns=root.querySelector('.gs-noscript');if(ns)ns.hidden=true;nav();score();}
return{init:init,grade:grade,nt:nt,pn:pn};})();}
L.init(root,JSON.parse(root.querySelector('script.gs-quiz-data').textContent));
