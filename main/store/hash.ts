/** SHA-256 in hex, the one hash the evidence chain uses everywhere. */
import crypto from 'node:crypto';

export function sha256Hex(data: string | Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}
