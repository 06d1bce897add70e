/* Course site: the search box (over window.GS_SEARCH_INDEX from search-index.js) and the quiz scorecard.
   Nothing here loads anything; it only reads the index and this browser's localStorage. */
(function(){
"use strict";
var root=document.body.getAttribute('data-gs-root')||'';
function norm(s){return String(s||'').normalize('NFKC').toLowerCase();}
function el(tag,text,cls){var e=document.createElement(tag);if(text)e.textContent=text;if(cls)e.className=cls;return e;}
/* ---- search ---- */
var box=document.getElementById('gs-search-q'),list=document.getElementById('gs-search-results'),
    status=document.getElementById('gs-search-status');
function snippet(text,term){var t=norm(text),i=t.indexOf(term);if(i<0)return '';
  var a=Math.max(0,i-60),b=Math.min(text.length,i+term.length+80);
  return (a>0?'… ':'')+text.slice(a,b).replace(/\s+/g,' ')+(b<text.length?' …':'');}
function search(q){
  var index=window.GS_SEARCH_INDEX;list.innerHTML='';
  q=norm(q).trim();
  if(!q){list.hidden=true;status.textContent='';return;}
  if(!index){list.hidden=true;status.textContent='Search needs the file search-index.js next to this page; it is missing, so search is off.';return;}
  var terms=q.split(/\s+/),hits=[];
  index.forEach(function(p){
    var hay=norm(p.t+' '+p.x+' '+p.h.map(function(h){return h[0];}).join(' ')),score=0,ok=true;
    terms.forEach(function(t){if(hay.indexOf(t)<0)ok=false;if(norm(p.t).indexOf(t)>=0)score+=10;});
    if(!ok)return;
    var anchor='',label=p.t;
    for(var i=0;i<p.h.length;i++){if(terms.every(function(t){return norm(p.h[i][0]).indexOf(t)>=0;})){
      anchor=p.h[i][1]?'#'+p.h[i][1]:'';label=p.t+' › '+p.h[i][0];score+=5;break;}}
    hits.push({score:score,url:root+p.u+anchor,label:label,snip:snippet(p.x,terms[0])});});
  hits.sort(function(a,b){return b.score-a.score;});
  hits.slice(0,20).forEach(function(h){var li=el('li'),a=el('a',h.label);a.href=h.url;li.appendChild(a);
    if(h.snip)li.appendChild(el('span',h.snip,'gs-snippet'));list.appendChild(li);});
  list.hidden=!hits.length;
  status.textContent=hits.length?(hits.length+(hits.length==1?' page matches':' pages match')+' “'+q+'”.'):'No page matches “'+q+'”.';}
if(box){var timer=null;box.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(function(){search(box.value);},120);});
  box.addEventListener('keydown',function(e){if(e.key==='Escape'){box.value='';search('');}
    if(e.key==='Enter'){e.preventDefault();search(box.value);var first=list.querySelector('a');if(first)first.focus();}});}
/* ---- a link to a section inside a closed extension opens it ---- */
function openTarget(){var id=decodeURIComponent((window.location.hash||'').slice(1));if(!id)return;
  var t=document.getElementById(id);for(var d=t;d;d=d.parentElement){if(d.tagName==='DETAILS'&&!d.open)d.open=true;}
  if(t)t.scrollIntoView();}
window.addEventListener('hashchange',openTarget);openTarget();
/* ---- on a phone the "On this page" list starts closed (it is long) ---- */
var tocBox=document.querySelector('.gs-toc details');
if(tocBox&&window.matchMedia&&window.matchMedia('(max-width:40em)').matches)tocBox.open=false;
/* ---- the floating "On this page" link appears once the reader has scrolled past the list ---- */
var toTop=document.querySelector('.gs-totop'),tocNav=document.getElementById('gs-toc');
if(toTop&&tocNav){var onScroll=function(){toTop.hidden=tocNav.getBoundingClientRect().bottom>0;};
  window.addEventListener('scroll',onScroll,{passive:true});onScroll();}
/* ---- shared computers: "Who is working?" ----
   Each student's answers (quiz and decision-room keys, gsomia-quiz:… and gsomia-decision:…) are put away under
   their name when someone else starts working, and brought back when they return; the twins themselves keep
   using their usual keys. A name is not a password: it only keeps one student's work apart from the next. */
var WHO='gsomia-who',STASH='gsomia-stash:',ls=null;
try{ls=window.localStorage;}catch(e){ls=null;}
function courseKeys(){var out=[];if(!ls)return out;try{for(var i=0;i<ls.length;i++){var k=ls.key(i);
  if(k&&k.indexOf('gsomia-')===0&&k!==WHO&&k.indexOf(STASH)!==0)out.push(k);}}catch(e){}return out;}
function who(){try{return ls?(ls.getItem(WHO)||''):'';}catch(e){return '';}}
function cleanName(n){return String(n||'').replace(/\s+/g,' ').trim().slice(0,60);}
function switchTo(name){if(!ls)return false;name=cleanName(name);var cur=who();if(name===cur)return true;
  try{var live={},keys=courseKeys();keys.forEach(function(k){live[k]=ls.getItem(k);});
    if(keys.length){var prev={};try{prev=JSON.parse(ls.getItem(STASH+cur)||'{}')||{};}catch(e){prev={};}
      for(var k in live)prev[k]=live[k];ls.setItem(STASH+cur,JSON.stringify(prev));}
    keys.forEach(function(k){ls.removeItem(k);});
    var saved={};try{saved=JSON.parse(ls.getItem(STASH+name)||'{}')||{};}catch(e){saved={};}
    for(var s in saved){if(s.indexOf('gsomia-')===0&&s!==WHO)ls.setItem(s,saved[s]);}
    ls.removeItem(STASH+name);
    if(name)ls.setItem(WHO,name);else ls.removeItem(WHO);return true;}catch(e){return false;}}
var badge=document.getElementById('gs-who-badge');
if(badge){var n0=who();badge.textContent='';var a0=el('a',n0?('Working as: '+n0+' (change)'):'Who is working? Add your name');
  a0.href=root+'index.html#gs-who';badge.appendChild(a0);}
/* Download forms of the quizzes: the name is filled in for the student. */
(function(){var n=who();if(!n)return;var f=document.querySelectorAll('.gs-twin input.gs-name');
  for(var i=0;i<f.length;i++){if(!f[i].value)f[i].value=n;}})();
var whoForm=document.getElementById('gs-who-form');
if(whoForm){var whoIn=document.getElementById('gs-who-name'),whoSt=document.getElementById('gs-who-status'),
  done=document.getElementById('gs-who-done');
  function whoDraw(){var n=who();whoSt.textContent=!ls?'This browser does not let pages keep data, so answers are not kept at all.':
    (n?('Working as '+n+'. Your answers are kept under this name in this browser.'):'Nobody has said who is working. Type your name so your answers stay apart from the next student\u2019s.');
    done.hidden=!n;whoIn.value=n;}
  whoForm.addEventListener('submit',function(e){e.preventDefault();var n=cleanName(whoIn.value);
    if(!n){whoSt.textContent='Type your name first (any name your teacher will recognise).';whoIn.focus();return;}
    switchTo(n);whoDraw();if(typeof draw==='function')draw();});
  done.addEventListener('click',function(){if(!window.confirm('Put your answers away and clear the page for the next student? They come back when you type your name again.'))return;
    switchTo('');whoDraw();if(typeof draw==='function')draw();whoIn.focus();});
  whoDraw();}
/* A quiz's Reset asks first in the quiz's own script (lessons/static/quiz.js), wherever the quiz is shown. */
/* ---- quiz scorecard (index page only) ---- */
var card=document.getElementById('gs-scorecard');
if(!card)return;
var prefixes=window.GS_QUIZ_PREFIXES||[(window.GS_QUIZ_RULE||{}).prefix],store=null;
try{store=window.localStorage;}catch(e){store=null;}
var cardStatus=document.getElementById('gs-scorecard-status'),reset=document.getElementById('gs-scorecard-reset');
function keys(){var out=[];if(!store)return out;try{for(var i=0;i<store.length;i++){var k=store.key(i);
  for(var j=0;j<prefixes.length;j++){if(k&&k.indexOf(prefixes[j])===0){out.push([k,k.slice(prefixes[j].length)]);break;}}}}catch(e){}
  return out;}
var rule=window.GS_QUIZ_RULE||{max_tries:2};
function verdict(v){ /* [counts, solved] for a stored quiz state {log:[...]}, by the course's one rule */
  if(!v||typeof v!=='object'||!Array.isArray(v.log))return[false,false];
  var r=window.gsVerdict(v.log,rule.max_tries);return[r.attempts>0,r.solved];}
function draw(){
  card.innerHTML='';
  if(!store){cardStatus.textContent='This browser does not let pages keep data (private mode or blocked storage), so the scorecard is empty.';return;}
  var per={},total=0,right=0;
  keys().forEach(function(kv){var raw=null,v=null;try{raw=store.getItem(kv[0]);v=JSON.parse(raw);}catch(e){v=raw;}
    var r=verdict(v);if(!r[0])return;var m=/^(\d{2})/.exec(kv[1]),lesson=m?m[1]:'other';
    if(v&&v.log&&v.log[0]&&v.log[0].lesson)lesson=String(v.log[0].lesson);
    per[lesson]=per[lesson]||{answered:0,right:0};per[lesson].answered++;total++;if(r[1]){per[lesson].right++;right++;}});
  if(!total){cardStatus.textContent='No quiz answers on this browser yet. Answer a quiz on a lesson page and your score appears here.';reset.hidden=true;return;}
  cardStatus.textContent='You have answered '+total+(total==1?' question':' questions')+' and got '+right+' right. Your answers stay in this browser only.';
  var t=el('table'),cap=el('caption','Quiz answers by lesson'),head=el('thead'),tr=el('tr'),body=el('tbody');
  t.appendChild(cap);['Lesson','Answered','Right'].forEach(function(h){var th=el('th',h);th.scope='col';tr.appendChild(th);});
  head.appendChild(tr);t.appendChild(head);
  Object.keys(per).sort().forEach(function(l){var row=el('tr'),th=el('th',l==='other'?'Other':'Lesson '+l);th.scope='row';
    row.appendChild(th);row.appendChild(el('td',String(per[l].answered)));row.appendChild(el('td',String(per[l].right)));body.appendChild(row);});
  t.appendChild(body);card.appendChild(t);reset.hidden=false;}
reset.addEventListener('click',function(){if(!window.confirm('Forget every quiz answer kept on this browser'+(who()?' for '+who():'')+'? This cannot be undone.'))return;
  keys().forEach(function(kv){try{store.removeItem(kv[0]);}catch(e){}});draw();});
window.addEventListener('storage',draw);
draw();
})();
