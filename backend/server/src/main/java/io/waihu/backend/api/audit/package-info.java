/** The audit history: every stored event, who did it and when. */
package io.waihu.backend.api.audit;
