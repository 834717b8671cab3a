package dev.shoal.agent;

import dev.shoal.model.TaskStatus;

/** Where task runners report observed task states; the agent forwards them to the dispatcher in batches. */
interface StatusSink {
    void report(String taskId, TaskStatus status);
}
