/** Reports over the analytics tables: calls today; agents, sales, queues and satisfaction as their tables come. */
package io.waihu.backend.api.reports;
