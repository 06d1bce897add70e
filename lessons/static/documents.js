/* Source analysis twin: reveal the sourcing chart, restore and save it in localStorage (quiz entry format).
   Runs inside the twin's wrapper with `root` = the component's <section>. One statement per line. */
var D=JSON.parse(root.querySelector('script.gs-docs-data').textContent);
function st(){try{return window.localStorage;}catch(e){return null;}}
function get(q){var s=st();try{return s?JSON.parse(s.getItem(D.prefix+q)||'null'):null;}catch(e){return null;}}
function put(q,v){var s=st();if(!s)return false;try{s.setItem(D.prefix+q,JSON.stringify(v));return true;}catch(e){return false;}}
root.querySelectorAll('form.gs-chart').forEach(function(f){var q=f.getAttribute('data-question'),
msg=f.querySelector('.gs-status');
function read(){var a={};D.fields.forEach(function(k){var el=f.querySelector('[data-field='+k+']');a[k]=el?el.value.trim():'';});return a;}
var prev=get(q);if(prev&&prev.log&&prev.log.length){var last=prev.log[prev.log.length-1].answer||[];
last.forEach(function(p){var el=p&&f.querySelector('[data-field='+p[0]+']');if(el&&p[1]!=null)el.value=p[1];});}
f.querySelector('.gs-save').addEventListener('click',function(){var a=read(),any=false,all=true;
D.fields.forEach(function(k){if(a[k])any=true;else all=false;});
if(!any){msg.textContent=D.msg.empty;return;}
var s=get(q)||{log:[],ok:false};if(!s.log)s.log=[];
s.log.push({question:q,lesson:f.getAttribute('data-lesson'),answer:D.fields.map(function(k){return[k,a[k]];}),attempt:s.log.length+1,
time:new Date().toISOString().slice(0,19)+'Z',correct:all});s.ok=all;
msg.textContent=put(q,s)?(all?D.msg.saved_twin:D.msg.saved_incomplete):D.msg.error.replace('{error}','storage is blocked in this browser');});});
root.querySelectorAll('.gs-js').forEach(function(x){x.hidden=false;});
var ns=root.querySelector('.gs-noscript');if(ns)ns.hidden=true;
