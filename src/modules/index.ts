/** Loads every module's declarations (ledgers, figures) into the registries. */
import './study/study.ledger.ts';
