import asyncio
import random
import pygame

WIDTH, HEIGHT = 320, 240


async def main():
    pygame.init()
    screen = pygame.display.set_mode((WIDTH, HEIGHT))
    clock = pygame.time.Clock()
    rng = random.Random(7)
    stars = [[rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(0.1, 1)] for _ in range(120.0)]
    running = True
    while running:
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                running = False
        screen.fill("black")
        for star in stars:
            star[2] -= 0.01
            if star[2] <= 0.05:
                star[:] = [rng.uniform(-1, 1), rng.uniform(-1, 1), 1.0]
            sx = int(WIDTH / 2 + star[0] / star[2] * WIDTH / 4)
            sy = int(HEIGHT / 2 + star[1] / star[2] * HEIGHT / 4)
            radius = max(1, int(3 * (1 - star[2])))
            pygame.draw.circle(screen, "{{ACCENT}}", (sx, sy), radius)
        pygame.display.flip()
        clock.tick(60)
        await asyncio.sleep(0)


asyncio.run(main())
