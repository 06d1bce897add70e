/* The one rule (lessons.assessment.core.verdict): attempts count by their place in the log; a question is solved
   when one of the first max counted attempts is right, and finished when solved or max attempts are used. */
if(!window.gsVerdict)window.gsVerdict=function(log,max){var n=0,ok=false,first=false,i,c;
if(!Array.isArray(log))log=[];
for(i=0;i<log.length;i++){c=!!(log[i]&&log[i].correct===true);n++;if(n==1)first=c;if(c&&n<=max)ok=true;}
return{solved:ok,attempts:n,first_try:first,finished:ok||n>=max,score:ok?1:0};};
