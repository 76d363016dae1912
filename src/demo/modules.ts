/** Hand-written demo generators of the module ledgers (registered into GENERATORS). */
import { GENERATORS } from './generators.ts';

void GENERATORS;
