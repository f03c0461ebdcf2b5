// A Socket.IO server with its defaults: an HTTP server of its own (404 for anything else) and Socket.IO at
// /socket.io/, echoing an "echo" event. Listens on 127.0.0.1, port 0; prints "PORT <n>" on stdout once listening;
// exits when its stdin closes, so it never outlives the test that started it (NodeServers).
'use strict';
const http = require('http');
const { Server } = require('socket.io');

const server = http.createServer((request, response) => {
  response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end('not found\n');
});
const io = new Server(server);
io.on('connection', (socket) => {
  socket.on('echo', (message) => socket.emit('echo', message));
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write('PORT ' + server.address().port + '\n');
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
