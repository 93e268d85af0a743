"""Execute: the engines that process chunks.

Every engine has the same small interface (:class:`.base.Engine`): ``submit(task_id, docs)``,
``poll(timeout) -> [(task_id, records)]``, ``close(graceful)``, ``capacity`` (tasks to keep in
flight) and ``n_workers``. Each runs :func:`pipeline.batch.work.process_batch` (or its parts) on
the documents; none of them knows about chunks, segments or outputs.

* :mod:`.inline`: in this process (``workers=0``; tests and debugging).
* :mod:`.local`: a pool of local worker processes with crash isolation and per-document timeouts.
* :mod:`.dask`: a Dask distributed cluster (``--engine dask``).

The engines depend on :mod:`.base`, :mod:`pipeline.batch.work` and :mod:`pipeline.batch.records`,
never on each other; :func:`pipeline.batch.job.make_engine` picks one.
"""
