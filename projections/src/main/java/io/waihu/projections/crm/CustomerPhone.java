package io.waihu.projections.crm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** One phone number of one customer: the index behind phone search and duplicate detection. */
@Entity
@Table(name = "customer_phone")
@IdClass(CustomerPhone.Key.class)
public class CustomerPhone {

    @Id
    @Column(name = "customer_id")
    public String customerId;
    @Id
    public String phone;

    public CustomerPhone() {
    }

    CustomerPhone(String customerId, String phone) {
        this.customerId = customerId;
        this.phone = phone;
    }

    /** The composite key (customer, phone). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String customerId;
        public String phone;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(customerId, k.customerId)
                    && java.util.Objects.equals(phone, k.phone);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(customerId, phone);
        }
    }
}
