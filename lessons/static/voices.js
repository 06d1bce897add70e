/* Voices twin: filter the speakers by country and perspective, and keep the count and the "no match" notice true.
   Runs inside the twin's wrapper with `root` = the component's <section>; its words come from the JSON block
   script.gs-voices-data (no data in this file). One statement per line. */
var D=JSON.parse(root.querySelector('script.gs-voices-data').textContent);
var c=root.querySelector('select[data-filter=country]'),p=root.querySelector('select[data-filter=perspective]');
var count=root.querySelector('.gs-count'),empty=root.querySelector('[data-empty]');
root.querySelectorAll('.gs-controls').forEach(function(x){x.removeAttribute('hidden');});
function word(n,forms){return n+' '+(n===1?forms[0]:forms[1]);}
function apply(){var nq=0,ns=0;
root.querySelectorAll('.gs-speakers article').forEach(function(a){
var ok=(!c.value||a.getAttribute('data-country')===c.value)&&(!p.value||a.getAttribute('data-perspective')===p.value);
a.hidden=!ok;if(ok){ns+=1;nq+=parseInt(a.getAttribute('data-n'),10);}});
count.textContent=word(nq,D.quote)+' '+D.from+' '+word(ns,D.speaker);
empty.hidden=ns>0;}
c.addEventListener('change',apply);p.addEventListener('change',apply);
empty.textContent=D.no_match;
