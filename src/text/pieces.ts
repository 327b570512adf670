/** The pieces moved to core; this file keeps `./pieces` importable inside the text module. */
export { type AwsSpan, type Piece, spanMapper, toPieces } from '../core/text-pieces';
