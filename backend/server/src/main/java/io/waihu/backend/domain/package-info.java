/**
 * What every capability shares and nothing else: the error a command raises when it breaks a
 * rule and the metadata naming who issued a command. It depends on no capability, so every
 * capability, the API and the Axon wiring can depend on it without a package cycle.
 */
package io.waihu.backend.domain;
