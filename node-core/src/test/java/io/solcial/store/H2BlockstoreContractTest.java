package io.solcial.store;

import io.solcial.content.Blockstore;
import io.solcial.content.BlockstoreContractTest;
import org.junit.jupiter.api.AfterEach;

class H2BlockstoreContractTest extends BlockstoreContractTest {
    private Database db;

    @Override
    protected Blockstore newStore() throws Exception {
        db = Database.inMemory();
        return new H2Blockstore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
