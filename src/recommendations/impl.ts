// The operation code behind `Recommendations`, loaded on first call so that importing stays cheap.
export { actions, forItem, forUser, rank } from './operations';
