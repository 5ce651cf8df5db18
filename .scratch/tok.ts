import { encode } from 'gpt-tokenizer';
import { z } from 'zod';
import { startJobInputSchema, jobStatusInputSchema, cancelJobInputSchema } from '../src/server/mcp/job-tools.ts';
for (const s of [startJobInputSchema, jobStatusInputSchema, cancelJobInputSchema]) { const j = JSON.stringify(z.toJSONSchema(s)); console.log(encode(j).length, j); }
