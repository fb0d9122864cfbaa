# 4 keep-alive scrapers, each making N gzip scrapes of /metrics on 127.0.0.1:PORT: usage gzip-scrapers.py PORT N
import sys, threading, http.client, time
port=int(sys.argv[1]); n=int(sys.argv[2])
def run():
    c=http.client.HTTPConnection('127.0.0.1',port)
    for i in range(n):
        c.request('GET','/metrics',headers={'Accept-Encoding':'gzip','Accept':'application/openmetrics-text;version=1.0.0,text/plain;q=0.5'})
        r=c.getresponse(); r.read()
ts=[threading.Thread(target=run) for _ in range(4)]
t=time.time()
[x.start() for x in ts]; [x.join() for x in ts]
print(f"{4*n} scrapes in {time.time()-t:.1f}s")
