import { encode } from 'gpt-tokenizer';
import { z } from 'zod';
const a = z.object({ c: z.number().int().min(1).max(64), r: z.number().int().min(0), m: z.number().int().min(1).optional()});
console.log(JSON.stringify(z.toJSONSchema(a)));
