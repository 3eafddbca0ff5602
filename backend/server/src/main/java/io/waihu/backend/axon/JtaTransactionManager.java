package io.waihu.backend.axon;

import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Runs Axon's units of work in JTA transactions (Narayana), so the event store, the token
 * store and the data-key table, all on Agroal connections, commit or roll back together.
 * A unit of work started inside an existing transaction joins it and leaves the outcome
 * to its owner.
 */
public final class JtaTransactionManager implements TransactionManager {

    private final jakarta.transaction.TransactionManager jta;

    public JtaTransactionManager(jakarta.transaction.TransactionManager jta) {
        this.jta = jta;
    }

    @Override
    public Transaction startTransaction() {
        try {
            if (jta.getStatus() == Status.STATUS_ACTIVE) {
                return new Joined();
            }
            jta.begin();
            return new Owned();
        } catch (jakarta.transaction.NotSupportedException | SystemException e) {
            throw new IllegalStateException("cannot start a JTA transaction", e);
        }
    }

    private static final class Joined implements Transaction {
        @Override
        public void commit() {
            // the enclosing transaction's owner commits
        }

        @Override
        public void rollback() {
            // the enclosing transaction's owner rolls back; it sees the failure as an exception
        }
    }

    private final class Owned implements Transaction {
        @Override
        public void commit() {
            try {
                jta.commit();
            } catch (Exception e) {
                throw new IllegalStateException("commit failed", e);
            }
        }

        @Override
        public void rollback() {
            try {
                if (jta.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    jta.rollback();
                }
            } catch (SystemException e) {
                throw new IllegalStateException("rollback failed", e);
            }
        }
    }
}
