-- Topic rows carry their article's seq, so a search for one topic walks
-- (topic, seq) newest first and stops after a page, however rare the topic.
ALTER TABLE article_topics ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
UPDATE article_topics o SET seq = a.seq FROM articles a WHERE a.id = o.article_id;
CREATE INDEX article_topics_seq ON article_topics (topic, seq);
