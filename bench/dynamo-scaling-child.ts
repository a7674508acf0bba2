/** One size of the DynamoDB scaling bench in its own process; prints its row as a JSON line. */
import { cleanUpAll } from './cleanup';
import { measureOneSize, type ScalingOptions } from './dynamo-scaling';

const { customers, ...options } = JSON.parse(process.argv[2] ?? '{}') as Omit<ScalingOptions, 'sizes'> & { customers: number };
let code = 0;
try {
  console.log(JSON.stringify(await measureOneSize(options, customers)));
} catch (error) {
  console.error(error);
  code = 1;
}
await cleanUpAll();
process.exit(code);
