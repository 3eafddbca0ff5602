/** The do-not-call list: what may never be dialed, and the cheap check dialing code asks. */
package io.waihu.backend.blacklist;
