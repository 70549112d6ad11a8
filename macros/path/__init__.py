"""«Мой путь»: the new hire's route (route.py) and the progress files a mentor collects (progress.py)."""
