// A plain `ws` WebSocket server, as a Node.js application writes one: an HTTP server of its own that answers
// ordinary requests 404, and ws's WebSocketServer on it for one path, /echo, echoing each text message.
// Listens on 127.0.0.1, port 0; prints "PORT <n>" on stdout once listening; exits when its stdin closes, so it never
// outlives the test that started it (NodeServers).
'use strict';
const http = require('http');
const { WebSocketServer } = require('ws');

const server = http.createServer((request, response) => {
  response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end('not found\n');
});
const wss = new WebSocketServer({ server, path: '/echo' });
wss.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write('PORT ' + server.address().port + '\n');
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
