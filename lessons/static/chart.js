
var data=JSON.parse(root.querySelector('script[type="application/json"]').textContent),
from=root.querySelector('select[data-gs-from]'),to=root.querySelector('select[data-gs-to]'),
out=root.querySelector('.gs-chart-readout');
function update(){out.textContent=change(data.points,+from.value,+to.value,data.percent);}
from.addEventListener('change',update);to.addEventListener('change',update);
root.querySelector('.gs-controls').hidden=false;
