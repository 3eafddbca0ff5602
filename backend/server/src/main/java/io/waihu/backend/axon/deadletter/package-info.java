/** Dead letters: events a projection cannot apply, parked per processor and sequence instead of stopping it. */
package io.waihu.backend.axon.deadletter;
