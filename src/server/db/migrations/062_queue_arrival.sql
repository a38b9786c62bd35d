-- The queue's order is the callers' arrival at the PBX (src/server/queue/README.md): Kamailio's
-- workers ask the server in parallel, so two INVITEs a few hundred ms apart can reach the queue in
-- the order their queries commit. The PBX sends its own time of the INVITE (`arrived`, epoch ms);
-- the server keeps it when it is within 5 s of its own clock, else its own entry time.
ALTER TABLE queue_calls ADD COLUMN arrived_at timestamptz;
UPDATE queue_calls SET arrived_at = entered_at;

-- A row written without one (older writers, seeded days) arrived when it entered.
CREATE FUNCTION queue_calls_arrival() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.arrived_at := coalesce(NEW.arrived_at, NEW.entered_at);
  RETURN NEW;
END
$$;
CREATE TRIGGER queue_calls_arrival
  BEFORE INSERT ON queue_calls
  FOR EACH ROW EXECUTE FUNCTION queue_calls_arrival();
ALTER TABLE queue_calls ALTER COLUMN arrived_at SET NOT NULL;

-- Who is offered next: (priority DESC, arrived_at, id).
DROP INDEX queue_calls_order;
CREATE INDEX queue_calls_order ON queue_calls (queue, priority DESC, arrived_at, id)
  WHERE state IN ('waiting', 'offered');
