#!/usr/bin/env python3
# Shares of a perf profile of the exporter: `perf script -i poll.data | python3 perf-shares.py`. Each sample goes to the
# innermost of its frames that is the GC or an allocation helper, the AWS SDK or System.Xml, ours, or the HTTP stack
# (docs/performance.md, "CPU of one poll").
import sys, collections
cats=collections.Counter(); total=0; stack=[]
def cat(frame):
    if "gc_heap" in frame or "WKS::" in frame or "GCHeap" in frame or "RhpNewFast" in frame or "RhpGcAlloc" in frame: return "garbage collection and allocation"
    if frame.startswith("AWSSDK") or frame.startswith("S_P_Xml"): return "AWS SDK: unmarshalling (System.Xml), signing, pipeline"
    if "ConnectionPageXml" in frame or "ConnectionPageCapture" in frame: return "ours: reading the answer's XML (ConnectionPageXml)"
    if "ConnectionParser" in frame or "StringPool" in frame or "EndpointReader" in frame or "PooledContent" in frame or "ConnectionListingBuilder" in frame: return "ours: parsing fields (ConnectionParser, StringPool, PooledContent)"
    if "EndpointLedger" in frame: return "ours: EndpointLedger.Apply"
    if frame.startswith("clientvpn_exporter"): return "ours: other (publish, poll plan)"
    if frame.startswith("System_Net") or "Security_Cryptography" in frame or "libcrypto" in frame or "Kestrel" in frame: return "HTTP client, sockets, TLS/crypto"
    return None
def flush():
    global total, stack
    if not stack: return
    total+=1
    c=None
    for f in stack:
        c=cat(f)
        if c: break
    cats[c or "other (runtime, thread pool, kernel)"]+=1; stack=[]
for line in sys.stdin:
    line=line.rstrip("\n")
    if not line.strip(): flush(); continue
    if line[0] not in " \t": continue
    parts=line.strip().split(None,1)
    if len(parts)==2: stack.append(parts[1])
flush()
for c,n in cats.most_common(): print(f"| {c} | {100*n/total:.1f} % |")
print("samples", total)
