-- Topic rows carry their article's seq, so a search for one topic walks
-- (topic, seq) newest first and stops after a page, however rare the topic.
ALTER TABLE article_topics ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE article_topics SET seq = (SELECT a.seq FROM articles a WHERE a.id = article_topics.article_id);
CREATE INDEX article_topics_seq ON article_topics (topic, seq);
