-- Whether the tenant's SMS provider (RingCentral) is connected. Production saw every SMS-sending
-- run of one tenant fail for ten days with "404 RingCentral is not connected" (pegasus-api.md
-- §4.6); the sandbox answers POST /sms/send the same way when this is 0. Connected by default.
ALTER TABLE tenants ADD COLUMN sms_provider_connected INTEGER NOT NULL DEFAULT 1;
