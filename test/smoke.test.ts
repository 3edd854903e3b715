import t from 'tap';
import { x } from '../src/cli.js';
t.equal(x, 1);
