var items=root.querySelector('ol.gs-paras').querySelectorAll(':scope > li'),nav=root.querySelector('.gs-reader-nav'),
sel=nav.querySelector('select'),prev=nav.querySelector('.gs-prev'),next=nav.querySelector('.gs-next'),
all=nav.querySelector('.gs-all'),status=nav.querySelector('.gs-reader-status'),n=items.length,cur=+nav.getAttribute('data-gs-start')||1,showAll=false;
function draw(focus){for(var i=0;i<n;i++)items[i].hidden=!showAll&&i!==cur-1;
 sel.value=String(cur);prev.disabled=showAll||cur<=1;next.disabled=showAll||cur>=n;sel.disabled=showAll;
 all.textContent=showAll?'One paragraph at a time':'Show all paragraphs';all.setAttribute('aria-pressed',showAll?'true':'false');
 status.textContent=showAll?('All '+n+' paragraphs'):('Paragraph '+cur+' of '+n);
 if(focus&&!showAll)items[cur-1].focus();}
function go(k,focus){cur=Math.min(Math.max(k,1),n);draw(focus);}
prev.addEventListener('click',function(){go(cur-1);});next.addEventListener('click',function(){go(cur+1);});
sel.addEventListener('change',function(){go(+sel.value);});
all.addEventListener('click',function(){showAll=!showAll;draw();});
root.addEventListener('keydown',function(e){if(showAll||e.target.tagName==='SELECT'||e.target.tagName==='TEXTAREA'||e.target.tagName==='INPUT')return;
 if(e.key==='ArrowRight'){go(cur+1);e.preventDefault();}else if(e.key==='ArrowLeft'){go(cur-1);e.preventDefault();}});
/* A link to #para-N (from a quiz, the voices explorer or a claim) opens that paragraph. */
function fromHash(){var m=/^#para-(\d+)$/.exec(window.location.hash||'');if(m&&root.querySelector('#para-'+m[1])){showAll=false;go(+m[1]);
 items[cur-1].scrollIntoView();}}
window.addEventListener('hashchange',fromHash);
for(var i=0;i<n;i++)items[i].setAttribute('tabindex','-1');
nav.hidden=false;draw();fromHash();
