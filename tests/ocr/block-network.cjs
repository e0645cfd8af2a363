// Preloaded (node --require) into an OCR run to prove it needs no network:
// every way out (sockets, DNS, fetch) throws and is recorded to a file.
const fs = require("node:fs");
const net = require("node:net");
const dns = require("node:dns");
const { threadId } = require("node:worker_threads");

const log = process.env.NETWORK_LOG;
function attempt(what) {
  if (log) fs.appendFileSync(log, `${what} (thread ${threadId})\n`);
  throw new Error(`network blocked: ${what}`);
}

net.Socket.prototype.connect = function () { attempt("net.Socket.connect"); };
dns.lookup = function (host) { attempt(`dns.lookup ${host}`); };
dns.promises.lookup = async function (host) { attempt(`dns.promises.lookup ${host}`); };
globalThis.fetch = async function (url) { attempt(`fetch ${String(url)}`); };
if (log) fs.appendFileSync(log, `armed (thread ${threadId})\n`);
