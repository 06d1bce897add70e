var boxes=root.querySelectorAll('input[data-gs-cat]'),actor=root.querySelector('select[data-gs-actor]'),
from=root.querySelector('input[data-gs-from]'),to=root.querySelector('input[data-gs-to]'),
rows=root.querySelectorAll('tr[data-gs-cat]'),count=root.querySelector('.gs-tl-count'),
empty=root.querySelector('.gs-tl-empty'),bad=root.querySelector('.gs-tl-bad'),tbl=root.querySelector('table'),
pic=root.querySelector('.gs-tl-pic'),items=pic?pic.querySelectorAll('li[data-gs-t]'):[],
ticksBox=pic?pic.querySelector('.gs-tl-ticks'):null,eraNote=pic?pic.querySelector('.gs-tl-eras'):null,
lo=+from.min,hi=+from.max,last=null;
/* The picture's axis: the same rules as lessons/components/timeline_picture.py (Scale). */
var ERAS=[['Background',1800,2018.5],['The dispute',2018.5,2020],['Afterwards',2020,2100]],BASE=0.15,PAD=0.025,
MON=['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'],STEPS=[1/12,0.25,0.5,1,2,5,10,20,25,50];
function scale(y0,y1,ts){var a0=y0,b0=y1+1,segs=[],counts=[],total=0,whole=0,x=0,i,j;
 for(i=0;i<ERAS.length;i++){var a=Math.max(ERAS[i][1],a0),b=Math.min(ERAS[i][2],b0);if(b>a){var c=0;
  for(j=0;j<ts.length;j++)if(ts[j]>=a&&ts[j]<b)c++;segs.push([ERAS[i][0],a,b]);counts.push(c);total+=c;}}
 total=total||1;var w=counts.map(function(c){return BASE+c/total;});w.forEach(function(v){whole+=v;});
 segs.forEach(function(s,k){s.push(x,x+w[k]/whole);x+=w[k]/whole;});
 function pos(t){for(var k=0;k<segs.length;k++){var s=segs[k];if(t<s[2]||k===segs.length-1){
  var f=Math.min(Math.max((t-s[1])/(s[2]-s[1]),0),1);return PAD+(1-2*PAD)*(s[3]+(s[4]-s[3])*f);}}return 1-PAD;}
 return {segs:segs,x:pos};}
function ticks(sc,width,gap){var out=[];sc.segs.forEach(function(s){
  var ppy=(s[4]-s[3])*(1-2*PAD)*width/Math.max(s[2]-s[1],1e-9),step=STEPS[STEPS.length-1];
  for(var k=0;k<STEPS.length;k++){if(STEPS[k]*ppy>=gap){step=STEPS[k];break;}}
  var months=Math.max(1,Math.round(step*12)),m=Math.round(s[1]*12);m+=((-m)%months+months)%months;
  while(m/12<s[2]-1e-9){var yr=Math.floor(m/12),mo=m%12,p=sc.x(m/12);
   if(!out.length||(p-out[out.length-1][0])*width>=gap)out.push([p,months%12===0?String(yr):MON[mo]+' '+yr]);m+=months;}});
 return out;}
function era(s){var f=Math.round(s[1]*12),l=Math.round(s[2]*12)-1,fy=Math.floor(f/12),ly=Math.floor(l/12);
 if(s[1]%1===0&&s[2]%1===0)return s[0]+' ('+(fy===ly?fy:fy+'\u2013'+ly)+')';
 return s[0]+' ('+(s[1]%1===0?String(fy):MON[f%12]+' '+fy)+'\u2013'+MON[l%12]+' '+ly+')';}
function band(sc){var stops=sc.segs.map(function(s,k){var p0=k===0?0:(PAD+(1-2*PAD)*s[3])*100,
  p1=k===sc.segs.length-1?100:(PAD+(1-2*PAD)*s[4])*100;return (k%2===0?'#eeeeee':'#ffffff')+' '+p0.toFixed(2)+'% '+p1.toFixed(2)+'%';});
 return 'linear-gradient(to right,'+stops.join(',')+')';}
function layout(y0,y1,shown){if(!pic)return;var ts=shown.map(function(li){return +li.getAttribute('data-gs-t');}),
 sc=scale(y0,y1,ts),width=ticksBox.clientWidth||560;
 shown.forEach(function(li,k){li.querySelector('.gs-tl-m').style.left=(sc.x(ts[k])*100).toFixed(2)+'%';});
 pic.style.setProperty('--gs-bands',band(sc));
 ticksBox.textContent='';
 sc.segs.slice(1).forEach(function(s){var b=document.createElement('span');b.className='gs-tl-break';
  b.style.left=((PAD+(1-2*PAD)*s[3])*100).toFixed(2)+'%';ticksBox.appendChild(b);});
 ticks(sc,width,width<300?48:56).forEach(function(t){var e=document.createElement('span');e.className='gs-tl-tick';
  e.style.left=(t[0]*100).toFixed(2)+'%';e.textContent=t[1];ticksBox.appendChild(e);});
 eraNote.textContent='Shaded bands: '+sc.segs.map(era).join(' \u00b7 ')+
  '. Each era is evenly spaced inside; the more events an era has, the wider it is drawn.';
 var seen={};shown.forEach(function(li){seen[li.getAttribute('data-gs-cat')]=1;});
 pic.querySelectorAll('.gs-tl-key').forEach(function(k){k.hidden=!seen[k.getAttribute('data-gs-cat')];});}
function update(){
 var cats={},i,n=0,a=actor.value,y0=from.value===''?NaN:+from.value,y1=to.value===''?NaN:+to.value,ok,shown=[];
 for(i=0;i<boxes.length;i++){if(boxes[i].checked)cats[boxes[i].getAttribute('data-gs-cat')]=1;}
 ok=!(isNaN(y0)||isNaN(y1)||y0>y1||y1<lo||y0>hi);
 bad.hidden=ok;
 for(i=0;i<rows.length;i++){var r=rows[i],y=+r.getAttribute('data-gs-year'),
  acts=JSON.parse(r.getAttribute('data-gs-actors')),
  show=ok&&cats[r.getAttribute('data-gs-cat')]===1&&(a===''||acts.indexOf(a)>=0)&&y>=y0&&y<=y1;
  r.hidden=!show;if(items[i])items[i].hidden=!show;if(show){n++;if(items[i])shown.push(items[i]);}}
 count.textContent=n+' of '+rows.length+' events shown';
 empty.hidden=!ok||n>0;tbl.hidden=n===0;if(pic)pic.hidden=n===0;
 if(ok&&n){last=[Math.max(y0,lo),Math.min(y1,hi),shown];layout(last[0],last[1],shown);}
}
for(var i=0;i<boxes.length;i++)boxes[i].addEventListener('change',update);
actor.addEventListener('change',update);from.addEventListener('input',update);to.addEventListener('input',update);
window.addEventListener('resize',function(){if(last)layout(last[0],last[1],last[2]);});
root.querySelector('.gs-controls').hidden=false;root.querySelector('.gs-noscript').hidden=true;
update();
