// The operation code behind `Conversation`, loaded on first call so that importing stays cheap.
export { converseEvents } from './converse';
export { end, put, say, sayStart, send, state } from './operations';
