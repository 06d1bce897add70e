
var boxes=root.querySelectorAll('input[data-gs-cat]'),actor=root.querySelector('select[data-gs-actor]'),
from=root.querySelector('input[data-gs-from]'),to=root.querySelector('input[data-gs-to]'),
rows=root.querySelectorAll('tr[data-gs-cat]'),count=root.querySelector('.gs-tl-count'),
empty=root.querySelector('.gs-tl-empty'),bad=root.querySelector('.gs-tl-bad'),tbl=root.querySelector('table'),
lo=+from.min,hi=+from.max;
function update(){
 var cats={},i,n=0,a=actor.value,y0=from.value===''?NaN:+from.value,y1=to.value===''?NaN:+to.value,ok;
 for(i=0;i<boxes.length;i++){if(boxes[i].checked)cats[boxes[i].getAttribute('data-gs-cat')]=1;}
 ok=!(isNaN(y0)||isNaN(y1)||y0>y1||y1<lo||y0>hi);
 bad.hidden=ok;
 for(i=0;i<rows.length;i++){var r=rows[i],y=+r.getAttribute('data-gs-year'),
  acts=JSON.parse(r.getAttribute('data-gs-actors')),
  show=ok&&cats[r.getAttribute('data-gs-cat')]===1&&(a===''||acts.indexOf(a)>=0)&&y>=y0&&y<=y1;
  r.hidden=!show;if(show)n++;}
 count.textContent=n+' of '+rows.length+' events shown';
 empty.hidden=!ok||n>0;tbl.hidden=n===0;
}
for(var i=0;i<boxes.length;i++)boxes[i].addEventListener('change',update);
actor.addEventListener('change',update);from.addEventListener('input',update);to.addEventListener('input',update);
root.querySelector('.gs-controls').hidden=false;root.querySelector('.gs-noscript').hidden=true;
update();
