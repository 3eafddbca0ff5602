-- Whether the gateway's offers toward a trunk's carrier ask for SDES-SRTP (TrunkMediaEncryptionChangedEvent).
ALTER TABLE trunk_view ADD COLUMN media_encryption VARCHAR(16) NOT NULL DEFAULT 'NONE';
