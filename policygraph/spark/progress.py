"""One line per Spark stage change in the CLI (the Spark UI has the details): polled from the driver's
status tracker on a background thread, printed only when a stage's task counts move."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class StageProgress:
    """Context manager: prints `stage N (phase): done/total tasks` lines while the block runs."""

    def __init__(self, sc: Any, say: Callable[[str], None], every_s: float = 1.0) -> None:
        self.sc, self.say, self.every_s = sc, say, every_s
        self.phase = ""
        self._stop = threading.Event()
        self._seen: dict[int, tuple[str, tuple[int, int]]] = {}
        self._thread = threading.Thread(target=self._run, name="spark-progress", daemon=True)

    def describe(self, phase: str) -> None:
        """Name what the next Spark jobs do (in the UI and in these lines)."""
        self.phase = phase
        self.sc.setJobDescription(phase)

    def __enter__(self) -> StageProgress:
        url = self.sc.uiWebUrl
        if url:
            self.say(f"Spark UI: {url}")
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.poll()

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            self.poll()

    def poll(self) -> None:
        try:
            tracker = self.sc.statusTracker()
            active = set(tracker.getActiveStageIds())
            ids = active | {s for s, (_, (done, total)) in self._seen.items() if done < total}
            stages = [(s, tracker.getStageInfo(s)) for s in sorted(ids)]
        except Exception:  # the context is stopping: nothing more to report
            return
        for stage_id, info in stages:
            if info is None:
                continue
            phase = self._seen.get(stage_id, (self.phase, (0, 0)))[0]
            done = (info.numCompletedTasks, info.numTasks)
            if self._seen.get(stage_id, ("", None))[1] != done:
                self._seen[stage_id] = (phase, done)
                self.say(f"stage {stage_id} ({phase}): {info.numCompletedTasks}/{info.numTasks} tasks done, "
                         f"{info.numActiveTasks} running, {info.numFailedTasks} failed")
