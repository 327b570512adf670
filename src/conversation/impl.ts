// The operation code behind `Conversation`, loaded on first call so that importing stays cheap.
export { end, put, say, send, state } from './operations';
