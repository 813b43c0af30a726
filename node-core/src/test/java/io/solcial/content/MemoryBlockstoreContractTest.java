package io.solcial.content;

class MemoryBlockstoreContractTest extends BlockstoreContractTest {
    @Override
    protected Blockstore newStore() {
        return new MemoryBlockstore();
    }
}
