/**
 * The PyGame launcher, written into the workspace next to the game. Games
 * loop forever, so a run cannot wait for the program to end: the launcher
 * wraps `pygame.display.flip` / `update`, keeps a copy of the last frame
 * shown, and at the Nth flip (or `cap` after the first frame, whichever
 * comes first) saves it as PNG and ends the process with exit 0. A program
 * that shows no frame within `first` (counted once pygame is imported, so a
 * slow machine's import does not eat it), or ends without one, fails with a
 * message that says so. SDL runs with its dummy video and audio drivers (set
 * by the caller). Arguments: flips, cap ms, first-frame ms, PNG path, entry.
 */
export const PYGAME_DIR = '.bcr/pygame';
export const PYGAME_LAUNCHER = `${PYGAME_DIR}/run.py`;
export const PYGAME_FRAME = `${PYGAME_DIR}/frame.png`;

/** What the launcher prints (stderr) when no frame was ever shown; the runner matches it. */
export const NO_FRAME_MARK = 'bcr: the PyGame program showed no frame';

export const PYGAME_LAUNCHER_SOURCE = `import os, runpy, sys, threading, time, traceback
flips_wanted = int(sys.argv[1])
cap = float(sys.argv[2]) / 1000.0
first_cap = float(sys.argv[3]) / 1000.0
out = os.path.abspath(sys.argv[4])
entry = os.path.abspath(sys.argv[5])
sys.argv = sys.argv[5:]
sys.path[0] = os.path.dirname(entry)

try:
    import pygame
except BaseException as e:
    traceback.print_exception(type(e), e, None)
    sys.exit(1)

started = time.monotonic()
state = {'flips': 0, 'last': None, 'first': None, 'done': False}
lock = threading.Lock()

def end(code):
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)

def save(frame, code):
    # One saver: the game's thread and the timer may both get here.
    with lock:
        if state['done']:
            return False
        state['done'] = True
    try:
        pygame.image.save(frame, out)
    except Exception as e:
        print('bcr: could not save the PyGame frame: %s' % e, file=sys.stderr)
        end(1)
    end(code)

def shown():
    surface = pygame.display.get_surface()
    if surface is None:
        return
    now = time.monotonic()
    if state['first'] is None:
        state['first'] = now
    state['flips'] += 1
    frame = surface.copy()
    state['last'] = frame
    if state['flips'] >= flips_wanted or now - state['first'] >= cap:
        save(frame, 0)

real_flip = pygame.display.flip
real_update = pygame.display.update

def flip(*args, **kwargs):
    result = real_flip(*args, **kwargs)
    shown()
    return result

def update(*args, **kwargs):
    result = real_update(*args, **kwargs)
    shown()
    return result

pygame.display.flip = flip
pygame.display.update = update

def no_frame(how):
    print('${NO_FRAME_MARK} %s: it never called pygame.display.flip() or pygame.display.update() on a display surface' % how, file=sys.stderr)

def watch():
    # No frame by the first-frame deadline: a failure; else the last frame once the cap has passed since the first.
    while not state['done']:
        now = time.monotonic()
        first = state['first']
        if first is None:
            if now >= started + first_cap:
                no_frame('within %.1f s' % first_cap)
                end(3)
            time.sleep(min(0.05, started + first_cap - now))
        elif now >= first + cap:
            save(state['last'], 0)
            return
        else:
            time.sleep(min(0.05, first + cap - now))

threading.Thread(target=watch, daemon=True).start()

code = 0
try:
    runpy.run_path(entry, run_name='__main__')
except SystemExit as e:
    code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
except BaseException as e:
    tb = e.__traceback__
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) != entry:
        tb = tb.tb_next
    traceback.print_exception(type(e), e, tb)
    code = 1
# The program ended by itself: its last frame is the screenshot, whatever its exit code.
if state['last'] is not None:
    save(state['last'], code)
if code == 0:
    no_frame('before it ended')
    code = 1
end(code)
`;
