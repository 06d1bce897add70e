/* Region map twin: choose a launch (its range ring, its distance table and the summary follow) and switch the map's
   layers. Runs inside the twin's wrapper with `root` = the component's <section>; the summary's words for "no
   launch chosen" come from the summary's data-none attribute (no data in this file). One statement per line. */
var sel=root.querySelector('select.gs-launch-select');
root.querySelectorAll('.gs-controls').forEach(function(c){c.removeAttribute('hidden');});
var desc=root.querySelector('svg desc');var sum=root.querySelector('.gs-map-summary');
function show(){var v=sel.value;
root.querySelectorAll('[data-launch]').forEach(function(el){if(el.getAttribute('data-launch')===v){el.removeAttribute('hidden');}else{el.setAttribute('hidden','');}});
var o=sel.options[sel.selectedIndex];var d=o?o.getAttribute('data-desc'):'';
if(desc)desc.textContent=d;
if(sum)sum.textContent=v?d:sum.getAttribute('data-none');}
sel.addEventListener('change',show);
root.querySelectorAll('input[data-layer-toggle]').forEach(function(cb){
cb.addEventListener('change',function(){var k=cb.getAttribute('data-layer-toggle');
root.querySelectorAll('svg [data-layer="'+k+'"]').forEach(function(g){if(cb.checked){g.removeAttribute('hidden');}else{g.setAttribute('hidden','');}});});});
