/* Opens the sealed key of each static-quiz question (lessons/assessment/seal.py): base64, then XOR with the
   xorshift32 stream from the question's seed. Runs once per quiz, before grading. */
window.gsUnseal=window.gsUnseal||function(D){(D.qs||[]).forEach(function(q){if(!q.k)return;
var b=atob(q.k),o=new Uint8Array(b.length),x=q.s>>>0,i,k;
for(i=0;i<b.length;i++){x^=x<<13;x>>>=0;x^=x>>>17;x^=x<<5;x>>>=0;o[i]=b.charCodeAt(i)^x&255;}
k=JSON.parse(new TextDecoder().decode(o));for(i in k)q[i]=k[i];delete q.k;delete q.s;});return D;};
