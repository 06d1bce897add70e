var D=JSON.parse(root.querySelector('script.gs-refl-data').textContent),st=root.querySelector('.gs-status');
function store(){try{return window.localStorage;}catch(e){return null;}}
function get(id){var s=store();try{var v=s?JSON.parse(s.getItem(D.prefix+id)||'null'):null;return(v&&typeof v.text==='string')?v:null;}catch(e){return null;}}
var boxes=root.querySelectorAll('.gs-refl');
for(var i=0;i<boxes.length;i++){var v=get(boxes[i].getAttribute('data-id'));if(v)boxes[i].querySelector('textarea').value=v.text;}
root.querySelector('.gs-save').addEventListener('click',function(){var s=store(),n=0,t=new Date().toISOString().slice(0,19)+'Z';
try{for(var j=0;j<boxes.length;j++){var id=boxes[j].getAttribute('data-id'),x=boxes[j].querySelector('textarea').value.trim();
if(x){s.setItem(D.prefix+id,JSON.stringify({text:x,time:t}));n++;}else{s.removeItem(D.prefix+id);}}
st.textContent='Saved '+n+' reflection(s) on this browser, with your work.';}
catch(e){st.textContent='Your reflections could not be saved on this browser ('+e.name+'). Copy your text somewhere safe and tell your teacher.';}});
root.querySelector('.gs-js').hidden=false;
