// Build the design-mode bundle into the package's static folder.
import { build } from 'esbuild';
import { OPTIONS } from './bundle.mjs';

await build({ ...OPTIONS, logLevel: 'info' });
