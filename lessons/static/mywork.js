var D=JSON.parse(root.querySelector('script.gs-mywork-data').textContent),SRC=new RegExp(D.sourcing);
function store(){try{return window.localStorage;}catch(e){return null;}}
function getJ(k){var s=store();try{return s?JSON.parse(s.getItem(k)||'null'):null;}catch(e){return null;}}
function isStr(x){return typeof x==='string';}
function entries(){var s=store(),out=[];if(!s)return out;
for(var i=0;i<s.length;i++){var k=s.key(i);if(!k||k.indexOf(D.prefix)!==0)continue;var v=getJ(k);
if(!v||!Array.isArray(v.log))continue;
v.log.forEach(function(e){if(e&&typeof e==='object'&&isStr(e.question))out.push(e);});}
return out;}
function canonical(all){var quiz=[],charts={},seen={};
all.forEach(function(a){var m=SRC.exec(a.question);
if(m){var f={};if(Array.isArray(a.answer))a.answer.forEach(function(p){if(Array.isArray(p)&&p.length==2)f[String(p[0])]=String(p[1]===null||p[1]===undefined?'':p[1]);});
charts[a.question]={question:a.question,document:m[2],lesson:m[1]||String(a.lesson||''),fields:f,complete:!!a.correct,time:String(a.time||'')};return;}
seen[a.question]=(seen[a.question]||0)+1;
quiz.push({question:a.question,lesson:String(a.lesson||a.question.slice(0,2)),answer:a.answer===undefined?null:a.answer,attempt:seen[a.question],time:String(a.time||''),correct:!!a.correct});});
quiz.sort(function(x,y){return x.question<y.question?-1:x.question>y.question?1:0;});
var ch=Object.keys(charts).sort().map(function(k){return charts[k];});
var d=getJ(D.decisionKey),dec=null;
if(d&&isStr(d.choice)&&isStr(d.rationale)&&d.rationale.trim())dec={role:isStr(d.role)?d.role:null,choice:d.choice,choice_label:D.options[d.choice]||'',rationale:d.rationale.trim(),time:String(d.time||'')};
var refl=[];D.prompts.forEach(function(p){var r=getJ(D.reflPrefix+p.id);if(r&&isStr(r.text)&&r.text.trim())refl.push({id:p.id,lesson:p.lesson,prompt:p.prompt,text:r.text.trim(),time:String(r.time||'')});});
return{answers:quiz,sourcing:ch,decision:dec,reflections:refl};}
function slug(n){return n.normalize('NFC').replace(/[^\p{L}\p{N}_-]+/gu,'-').replace(/^[-_]+|[-_]+$/g,'').slice(0,60)||'student';}
var nm=root.querySelector('.gs-name'),gr=root.querySelector('.gs-group');
function saveStudent(){var s=store();try{if(s)s.setItem(D.studentKey,JSON.stringify({name:nm.value,group:gr.value}));}catch(e){}}
var who=getJ(D.studentKey);if(who&&isStr(who.name))nm.value=who.name;if(who&&isStr(who.group))gr.value=who.group;
nm.addEventListener('input',saveStudent);gr.addEventListener('input',saveStudent);
function summary(){var c=canonical(entries()),logs={},by={};
c.answers.forEach(function(a){(logs[a.question]=logs[a.question]||[]).push(a);});
Object.keys(logs).forEach(function(id){by[id]={ok:window.gsVerdict(logs[id],D.rule.max_tries).solved};});
D.lessons.forEach(function(l){var total=l.questions.length,ans=0,ok=0;
l.questions.forEach(function(id){if(by[id]){ans++;if(by[id].ok)ok++;}});
var charts=c.sourcing.filter(function(x){return x.lesson==l.n;}).length,refl=c.reflections.filter(function(x){return x.lesson==l.n;}).length;
var extra=[],tk=D.tickets[l.n]||[];if(tk.length)extra.push('exit ticket '+tk.filter(function(id){return by[id];}).length+' of '+tk.length);if(charts)extra.push(charts+' source chart(s)');if(refl)extra.push(refl+' reflection(s)');if(l.n=='07'&&c.decision)extra.push('decision recorded');
var t=document.createElement('tr');
[l.n+' · '+l.title,total?(ans+' of '+total):'—',total?(ok+' of '+total):'—',extra.join(', ')||'—'].forEach(function(x,i){var td=document.createElement(i?'td':'th');if(!i)td.scope='row';td.textContent=x;t.appendChild(td);});
tb.appendChild(t);});
return c;}
var box=root.querySelector('.gs-summary'),tbl=document.createElement('table'),tb=document.createElement('tbody');
tbl.innerHTML='<caption>Your work so far, per lesson (questions right within '+D.rule.max_tries+' tries)</caption><thead><tr><th scope="col">Lesson</th><th scope="col">Questions answered</th><th scope="col">Right</th><th scope="col">Other work</th></tr></thead>';
tbl.appendChild(tb);box.appendChild(tbl);var cur=summary();
var dp=root.querySelector('.gs-decision');dp.textContent=cur.decision?('You advised: '+(cur.decision.choice_label||cur.decision.choice)+'. Your reasons: '+cur.decision.rationale):'No decision recorded yet (lesson 07, the decision room).';
root.querySelector('.gs-download').addEventListener('click',function(){var c=canonical(entries()),n=nm.value.trim(),g=gr.value.trim(),msg=root.querySelector('.gs-dlmsg');
if(!n){msg.textContent='Write your name first: your work file is named after you.';nm.focus();return;}
var doc={format:'gsomia-work',version:1,name:n,group:g,exported:new Date().toISOString().slice(0,19)+'Z',course_version:D.cv,made_in:'website',answers:c.answers,exit_tickets:D.tickets,sourcing:c.sourcing,decision:c.decision,reflections:c.reflections};
var a=document.createElement('a'),name='gsomia-work-'+slug(n)+'.json';a.href='data:application/json;charset=utf-8,'+encodeURIComponent(JSON.stringify(doc,null,1));
a.download=name;root.appendChild(a);a.click();root.removeChild(a);msg.textContent='Saved '+name+' to your downloads folder ('+c.answers.length+' answers). Hand it in as your teacher asks.';});
root.querySelector('.gs-js').hidden=false;var ns=root.querySelector('.gs-noscript');if(ns)ns.hidden=true;
