/* Opens the sealed key of each static-quiz question (lessons/assessment/seal.py): base64, then XOR with the
   xorshift32 stream from the question's seed. Runs once per quiz, before grading. */
window.gsUnseal=window.gsUnseal||function(D){
function open(b64,seed){var bin=atob(b64),n=bin.length,out=new Uint8Array(n),x=seed>>>0;
for(var i=0;i<n;i++){x^=x<<13;x>>>=0;x^=x>>>17;x^=x<<5;x>>>=0;out[i]=bin.charCodeAt(i)^(x&255);}
return JSON.parse(new TextDecoder('utf-8').decode(out));}
(D.qs||[]).forEach(function(q){if(q.k){var k=open(q.k,q.s);for(var f in k)q[f]=k[f];delete q.k;delete q.s;}});return D;};
