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
reset.addEventListener('click',function(){if(!window.confirm('Forget every quiz answer kept on this browser?'))return;
  keys().forEach(function(kv){try{store.removeItem(kv[0]);}catch(e){}});draw();});
window.addEventListener('storage',draw);
draw();
})();
