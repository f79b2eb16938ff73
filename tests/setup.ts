// Every unit test gets a fresh in-memory IndexedDB, so DB tests never leak into each other.
import 'fake-indexeddb/auto';
